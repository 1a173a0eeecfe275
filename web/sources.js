// The sources' health, from GET /sources: per source its last check and success, status, failures
// in a row, the last error sentence, the next scheduled run and the documents held.
'use strict';

(function () {
  var pw = window.procwatch;

  var STATUS = {
    ok: 'Working',
    failing: 'Failing',
    alerting: 'Failing, alert sent',
    'never-checked': 'Not checked yet',
  };

  function card(s) {
    var li = pw.el('li', { class: 'source status-' + s.status });
    var head = pw.el('h2');
    head.appendChild(pw.link(pw.pageUrl({ source: s.sourceId }), s.name));
    li.appendChild(head);
    li.appendChild(pw.el('p', { class: 'tag' }, STATUS[s.status] || s.status));
    var dl = pw.el('dl', { class: 'facts' });
    pw.fact(dl, 'Last check', pw.when(s.lastCheckAt) || 'never');
    pw.fact(dl, 'Last success', pw.when(s.lastSuccessAt) || 'never');
    pw.fact(dl, 'Failures in a row', String(s.consecutiveFailures));
    if (s.lastError) pw.fact(dl, 'Last error', s.lastError);
    pw.fact(dl, 'Next run', pw.when(s.nextRunAt) || 'not scheduled (runs when asked)');
    var held = s.documents + (s.withdrawn ? ' (and ' + s.withdrawn + ' withdrawn)' : '');
    pw.fact(dl, 'Documents held', held);
    li.appendChild(dl);
    return li;
  }

  pw.showSources = function () {
    pw.show('sources-view');
    document.title = 'Sources – procurement-watch';
    var status = document.getElementById('sources-status');
    pw.setStatus(status, 'Loading the sources…');
    pw.getJson('sources')
      .then(function (body) {
        var list = document.getElementById('sources');
        body.sources.forEach(function (s) {
          list.appendChild(card(s));
        });
        var failing = body.sources.filter(function (s) {
          return s.status === 'failing' || s.status === 'alerting';
        }).length;
        pw.setStatus(
          status,
          body.sources.length + ' source(s) watched' + (failing ? ', ' + failing + ' failing.' : ', none failing.'),
        );
      })
      .catch(function (err) {
        pw.setStatus(status, err.message, true);
      });
  };
})();

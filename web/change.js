// One change: its facts in words (labels from the API), both dates, its diff, and a link to the
// document's history page.
'use strict';

(function () {
  var pw = window.procwatch;

  function letterText(letter) {
    if (!letter || !(letter.from || letter.to)) return null;
    return (letter.from || '?') + ' → ' + (letter.to || '?');
  }

  pw.showChange = function (id) {
    pw.show('change-view');
    var heading = document.getElementById('change-title');
    var status = document.getElementById('change-status');
    heading.textContent = 'Change ' + id;
    pw.setStatus(status, 'Loading…');
    pw.getJson('changes/' + encodeURIComponent(id))
      .then(function (body) {
        var c = body.change;
        var labels = body.labels;
        document.title = c.title + ' – procurement-watch';
        heading.textContent = c.title;
        pw.setStatus(status, '');
        var dl = document.getElementById('change-facts');
        pw.fact(dl, 'Type', labels.type);
        if (c.letter && c.letter.date) pw.fact(dl, 'Letter dated', pw.day(c.letter.date));
        else if (c.datedAt) pw.fact(dl, 'Published', pw.day(c.datedAt));
        pw.fact(dl, 'Detected', pw.when(c.detectedAt));
        pw.fact(dl, 'Source', pw.link(pw.pageUrl({ source: c.sourceId }), labels.source));
        if (c.url) pw.fact(dl, 'Source page', pw.link(c.url, c.url));
        if (c.threadId) pw.fact(dl, 'Thread', pw.link(pw.pageUrl({ thread: c.threadId }), labels.thread));
        pw.fact(dl, 'Letter', letterText(c.letter));
        if (c.knownMatch && c.knownMatch.match) pw.fact(dl, 'Known as', c.knownMatch.match);
        pw.fact(dl, 'Summary', labels.summary);
        pw.fact(dl, 'Change note', c.changeNote);
        if (c.version)
          pw.fact(dl, 'Version', c.previousVersion ? c.previousVersion + ' → ' + c.version : String(c.version));
        if (c.docId) {
          var query = { document: c.docId };
          if (c.previousVersion && c.version) Object.assign(query, { from: c.previousVersion, to: c.version });
          pw.fact(dl, 'History', pw.link(pw.pageUrl(query), 'All versions of this document'));
        }
        if (c.keywords && c.keywords.length)
          pw.fact(
            dl,
            'Watch terms',
            c.keywords
              .map(function (k) {
                return k.term;
              })
              .join(', '),
          );
        if (c.diff && c.diff.length) {
          pw.renderDiff(document.getElementById('diff'), c.diff);
          document.getElementById('diff-section').hidden = false;
        }
        heading.focus();
      })
      .catch(function (err) {
        pw.setStatus(status, err.message, true);
      });
  };
})();

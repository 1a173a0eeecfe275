// A document's history: every stored version, and the diff between any two of them (by default the
// last two), chosen with a plain GET form so the comparison has an address of its own.
'use strict';

(function () {
  var pw = window.procwatch;

  function versionOptions(select, versions, chosen) {
    versions.forEach(function (v) {
      var text = 'Version ' + v.version + ' (' + pw.when(v.fetchedAt) + ')';
      var opt = pw.el('option', { value: String(v.version) }, text);
      if (v.version === chosen) opt.selected = true;
      select.appendChild(opt);
    });
  }

  function versionItem(v) {
    var li = pw.el('li');
    li.appendChild(pw.el('span', { class: 'title' }, 'Version ' + v.version));
    var facts = ['Recorded ' + pw.when(v.fetchedAt), v.textLength.toLocaleString('en-GB') + ' characters'];
    li.appendChild(pw.el('p', { class: 'meta' }, facts.join(' · ')));
    if (v.title) li.appendChild(pw.el('p', { class: 'meta' }, v.title));
    if (v.changeNote) li.appendChild(pw.el('p', { class: 'summary' }, 'Change note: ' + v.changeNote));
    return li;
  }

  function showDiff(docId, from, to) {
    var status = document.getElementById('compare-status');
    pw.setStatus(status, 'Comparing…');
    var qs = new URLSearchParams({ from: String(from), to: String(to) });
    pw.getJson('documents/' + encodeURIComponent(docId) + '/diff?' + qs)
      .then(function (result) {
        pw.renderDiff(document.getElementById('history-diff'), result.diff);
        var said =
          'Version ' +
          result.from.version +
          ' → version ' +
          result.to.version +
          ': ' +
          result.inserted +
          ' word(s) inserted, ' +
          result.deleted +
          ' deleted.';
        pw.setStatus(status, result.inserted || result.deleted ? said : 'These two versions hold the same text.');
      })
      .catch(function (err) {
        pw.setStatus(status, err.message, true);
      });
  }

  pw.showHistory = function (params) {
    var view = pw.show('history-view');
    var docId = params.get('document');
    var heading = document.getElementById('history-title');
    var status = document.getElementById('history-status');
    pw.setStatus(status, 'Loading the versions…');
    pw.getJson('documents/' + encodeURIComponent(docId) + '/history')
      .then(function (body) {
        var doc = body.document;
        heading.textContent = doc ? doc.title : docId;
        document.title = heading.textContent + ' – history – procurement-watch';
        var dl = document.getElementById('history-facts');
        if (doc) {
          pw.fact(dl, 'Source page', pw.link(doc.url, doc.url));
          pw.fact(dl, 'Status', doc.status === 'withdrawn' ? 'Withdrawn' : 'Current');
          pw.fact(dl, 'First seen', pw.when(doc.firstSeenAt));
          pw.fact(dl, 'Last seen', pw.when(doc.lastSeenAt));
        }
        var versions = body.versions;
        pw.setStatus(status, versions.length + ' version(s) stored, oldest first.');
        var list = document.getElementById('versions');
        versions.forEach(function (v) {
          list.appendChild(versionItem(v));
        });
        if (versions.length < 2) return;
        // A pair the address names is used only when both are stored; else the last two.
        var held = function (n) {
          return versions.some(function (v) {
            return v.version === n;
          });
        };
        var from = Number(params.get('from'));
        var to = Number(params.get('to'));
        if (!held(from) || !held(to)) {
          from = versions[versions.length - 2].version;
          to = versions[versions.length - 1].version;
        }
        var form = document.getElementById('compare');
        form.elements.document.value = docId;
        versionOptions(form.elements.from, versions, from);
        versionOptions(form.elements.to, versions, to);
        form.hidden = false;
        document.getElementById('compare-section').hidden = false;
        showDiff(docId, from, to);
        heading.focus();
      })
      .catch(function (err) {
        pw.setStatus(status, err.message, true);
      });
    return view;
  };
})();

// The change log: the filter form (types and sources from the API's registry, never a list kept
// here), a page of changes with their labels and both dates, and the link to older ones.
'use strict';

(function () {
  var pw = window.procwatch;
  var FILTERS = ['q', 'source', 'type', 'thread', 'since', 'until', 'dated-since', 'dated-until', 'order'];

  /** The document's own date, said as what it is: a letter's date, or the first publication. */
  pw.datedText = function (c) {
    if (!c.datedAt) return null;
    return (c.letter && c.letter.date ? 'Letter dated ' : 'Published ') + pw.day(c.datedAt);
  };

  function option(value, text) {
    return pw.el('option', { value: value }, text);
  }

  /** The type and source selects, from GET /change-types: grouped as the registry groups them. */
  function fillFilters(form, cat, wanted) {
    var typeSelect = form.elements.type;
    cat.groups.forEach(function (g) {
      var types = cat.types.filter(function (t) {
        return t.group === g.group;
      });
      if (!types.length) return;
      var group = pw.el('optgroup', { label: g.label });
      types.forEach(function (t) {
        group.appendChild(option(t.type, t.label));
      });
      typeSelect.appendChild(group);
    });
    var sourceSelect = form.elements.source;
    cat.sources.forEach(function (s) {
      sourceSelect.appendChild(option(s.id, s.name));
    });
    // A value the registry does not hold stays selected, so the API's message about it makes sense.
    [typeSelect, sourceSelect].forEach(function (select) {
      var value = wanted[select.name];
      if (!value) return;
      var held = Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      });
      if (!held) select.appendChild(option(value, value));
      select.value = value;
    });
  }

  function meta(c) {
    var p = pw.el('p', { class: 'meta' });
    p.appendChild(pw.el('span', { class: 'tag' }, c.labels ? c.labels.type : c.type));
    var parts = [pw.datedText(c), 'Detected ' + pw.when(c.detectedAt)].filter(Boolean);
    p.appendChild(pw.el('span', { class: 'dates' }, parts.join(' · ')));
    p.appendChild(document.createTextNode(' · '));
    p.appendChild(pw.link(pw.pageUrl({ source: c.sourceId }), c.labels ? c.labels.source : c.sourceId));
    if (c.threadId) {
      p.appendChild(document.createTextNode(' · '));
      p.appendChild(pw.link(pw.pageUrl({ thread: c.threadId }), c.labels ? c.labels.thread : c.threadId));
    }
    return p;
  }

  function item(c) {
    var li = pw.el('li');
    li.appendChild(pw.el('a', { href: pw.pageUrl({ change: c.changeId }), class: 'title' }, c.title));
    li.appendChild(meta(c));
    var summary = c.labels ? c.labels.summary : c.summary;
    if (summary) li.appendChild(pw.el('p', { class: 'summary' }, summary));
    return li;
  }

  pw.showList = function (params) {
    pw.show('list-view');
    var form = document.getElementById('filters');
    var query = {};
    FILTERS.forEach(function (name) {
      var value = params.get(name);
      if (value) {
        query[name] = value;
        form.elements[name].value = value;
      }
    });
    var qs = new URLSearchParams(query);
    document.getElementById('feed-link').setAttribute('href', 'feed.atom' + (qs.toString() ? '?' + qs : ''));
    if (params.get('cursor')) qs.set('cursor', params.get('cursor'));
    qs.set('limit', '25');
    var status = document.getElementById('list-status');
    pw.setStatus(status, 'Loading changes…');
    var filled = pw.catalog().then(function (cat) {
      fillFilters(form, cat, query);
    });
    Promise.all([pw.getJson('changes?' + qs), filled])
      .then(function (got) {
        var page = got[0];
        var list = document.getElementById('changes');
        page.items.forEach(function (c) {
          list.appendChild(item(c));
        });
        var order = query.order === 'dated' ? 'by the documents’ own dates, newest first' : 'newest first';
        pw.setStatus(
          status,
          page.items.length ? page.items.length + ' change(s) shown, ' + order + '.' : 'No changes match this filter.',
        );
        if (page.cursor) {
          var older = document.getElementById('older');
          older.setAttribute('href', pw.pageUrl(Object.assign({}, query, { cursor: page.cursor })));
          older.hidden = false;
        }
      })
      .catch(function (err) {
        pw.setStatus(status, err.message, true);
      });
  };
})();

// The change-log page: reads the JSON API of the same origin and builds the DOM with
// createElement/textContent only. Every string from the API is scraped text and is never parsed
// as HTML; links to sources are kept only when they are http(s).
'use strict';

(function () {
  var FILTERS = ['q', 'source', 'type', 'thread', 'since', 'until'];
  var params = new URLSearchParams(window.location.search);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Only http(s) URLs become links: a scraped `javascript:` URL stays inert text. */
  function safeHref(url) {
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch {
      return null;
    }
  }

  function link(href, text) {
    var a = el('a', {}, text);
    var safe = safeHref(href);
    if (safe) a.setAttribute('href', safe);
    return a;
  }

  function pageUrl(query) {
    var qs = new URLSearchParams(query).toString();
    return './' + (qs ? '?' + qs : '');
  }

  function when(iso) {
    return String(iso).slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function setStatus(node, text, isError) {
    node.textContent = text;
    node.className = isError ? 'status error' : 'status';
  }

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok)
          throw new Error(body && body.error ? body.error.message : 'The server answered ' + res.status + '.');
        return body;
      });
    });
  }

  function showList() {
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
    setStatus(status, 'Loading changes…');
    getJson('changes?' + qs)
      .then(function (page) {
        var list = document.getElementById('changes');
        var sources = {};
        page.items.forEach(function (c) {
          sources[c.sourceId] = true;
          var li = el('li');
          var title = el('a', { href: pageUrl({ change: c.changeId }), class: 'title' }, c.title);
          li.appendChild(title);
          var meta = el('p', { class: 'meta' });
          meta.appendChild(el('span', { class: 'tag' }, c.type));
          meta.appendChild(
            document.createTextNode(
              when(c.detectedAt) + ' · ' + c.sourceId + (c.threadId ? ' · thread ' + c.threadId : ''),
            ),
          );
          li.appendChild(meta);
          if (c.summary) li.appendChild(el('p', { class: 'meta' }, c.summary));
          list.appendChild(li);
        });
        var datalist = document.getElementById('known-sources');
        Object.keys(sources).forEach(function (s) {
          datalist.appendChild(el('option', { value: s }));
        });
        setStatus(
          status,
          page.items.length ? page.items.length + ' change(s) shown, newest first.' : 'No changes match this filter.',
        );
        var older = document.getElementById('older');
        if (page.cursor) {
          var next = Object.assign({}, query, { cursor: page.cursor });
          older.setAttribute('href', pageUrl(next));
          older.hidden = false;
        }
      })
      .catch(function (err) {
        setStatus(status, err.message, true);
      });
  }

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(el('dt', {}, term));
    var dd = el('dd');
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  function renderDiff(ops) {
    var box = document.getElementById('diff');
    ops.forEach(function (op) {
      if (op.op === 'insert') {
        box.appendChild(el('span', { class: 'visually-hidden' }, ' [inserted:] '));
        box.appendChild(el('ins', {}, op.text));
      } else if (op.op === 'delete') {
        box.appendChild(el('span', { class: 'visually-hidden' }, ' [deleted:] '));
        box.appendChild(el('del', {}, op.text));
      } else {
        box.appendChild(document.createTextNode(op.text));
      }
    });
    document.getElementById('diff-section').hidden = false;
  }

  function showChange(id) {
    document.getElementById('list-view').hidden = true;
    var view = document.getElementById('change-view');
    view.hidden = false;
    var heading = document.getElementById('change-title');
    var status = document.getElementById('change-status');
    heading.textContent = 'Change ' + id;
    setStatus(status, 'Loading…');
    getJson('changes/' + encodeURIComponent(id))
      .then(function (body) {
        var c = body.change;
        document.title = c.title + ' – procurement-watch';
        heading.textContent = c.title;
        setStatus(status, '');
        var dl = document.getElementById('change-facts');
        fact(dl, 'Type', c.type);
        fact(dl, 'Detected', when(c.detectedAt));
        fact(dl, 'Source', link(pageUrl({ source: c.sourceId }), c.sourceId));
        if (c.url) fact(dl, 'Source page', link(c.url, c.url));
        if (c.threadId) fact(dl, 'Thread', link(pageUrl({ thread: c.threadId }), c.threadId));
        if (c.letter && (c.letter.from || c.letter.to))
          fact(
            dl,
            'Letter',
            (c.letter.from || '?') + ' → ' + (c.letter.to || '?') + (c.letter.date ? ' (' + c.letter.date + ')' : ''),
          );
        if (c.knownMatch && c.knownMatch.match) fact(dl, 'Known as', c.knownMatch.match);
        fact(dl, 'Summary', c.summary);
        fact(dl, 'Change note', c.changeNote);
        if (c.version)
          fact(dl, 'Version', c.previousVersion ? c.previousVersion + ' → ' + c.version : String(c.version));
        if (body.links.document) fact(dl, 'History', link(body.links.document, 'All versions of this document (JSON)'));
        if (c.keywords && c.keywords.length)
          fact(
            dl,
            'Watch terms',
            c.keywords
              .map(function (k) {
                return k.term;
              })
              .join(', '),
          );
        if (c.diff && c.diff.length) renderDiff(c.diff);
        heading.focus();
      })
      .catch(function (err) {
        setStatus(status, err.message, true);
      });
  }

  var changeId = params.get('change');
  if (changeId) showChange(changeId);
  else showList();
})();

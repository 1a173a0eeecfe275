// What every view of the page shares. The DOM is built with createElement/textContent only: every
// string from the API is scraped text and is never parsed as HTML; links to sources are kept only
// when they are http(s).
'use strict';

(function () {
  var pw = (window.procwatch = window.procwatch || {});

  pw.el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  /** Only http(s) URLs become links: a scraped `javascript:` URL stays inert text. */
  pw.safeHref = function (url) {
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch {
      return null;
    }
  };

  pw.link = function (href, text) {
    var a = pw.el('a', {}, text);
    var safe = pw.safeHref(href);
    if (safe) a.setAttribute('href', safe);
    return a;
  };

  pw.pageUrl = function (query) {
    var qs = new URLSearchParams(query).toString();
    return './' + (qs ? '?' + qs : '');
  };

  /** A detection time: to the minute, in UTC (what the log and the CLI print). */
  pw.when = function (iso) {
    if (!iso) return null;
    return String(iso).slice(0, 16).replace('T', ' ') + ' UTC';
  };

  /** A document's own date ("21 Mar 2022"): a date-only value is read as that day, not as midnight UTC. */
  pw.day = function (iso) {
    if (!iso) return null;
    var d = new Date(String(iso).length === 10 ? iso + 'T12:00:00Z' : iso);
    if (isNaN(d.getTime())) return null;
    return d.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'Europe/London',
    });
  };

  pw.setStatus = function (node, text, isError) {
    node.textContent = text;
    node.className = isError ? 'status error' : 'status';
  };

  pw.getJson = function (url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok)
          throw new Error(body && body.error ? body.error.message : 'The server answered ' + res.status + '.');
        return body;
      });
    });
  };

  /** The registry of change types and the configured sources, asked for once per page. */
  var catalog = null;
  pw.catalog = function () {
    catalog =
      catalog ||
      pw.getJson('change-types').catch(function () {
        return { types: [], groups: [], sources: [] };
      });
    return catalog;
  };

  pw.fact = function (dl, term, value) {
    if (value === null || value === undefined || value === '') return;
    dl.appendChild(pw.el('dt', {}, term));
    var dd = pw.el('dd');
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
  };

  pw.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  };

  /** Inserted and deleted words, announced as such to a screen reader. */
  pw.renderDiff = function (box, ops) {
    pw.clear(box);
    ops.forEach(function (op) {
      if (op.op === 'insert') {
        box.appendChild(pw.el('span', { class: 'visually-hidden' }, ' [inserted:] '));
        box.appendChild(pw.el('ins', {}, op.text));
      } else if (op.op === 'delete') {
        box.appendChild(pw.el('span', { class: 'visually-hidden' }, ' [deleted:] '));
        box.appendChild(pw.el('del', {}, op.text));
      } else {
        box.appendChild(document.createTextNode(op.text));
      }
    });
  };

  /** Shows one view of the page and hides the others. */
  pw.show = function (id) {
    ['list-view', 'change-view', 'history-view', 'sources-view'].forEach(function (v) {
      document.getElementById(v).hidden = v !== id;
    });
    var nav = document.querySelectorAll('nav a[data-view]');
    Array.prototype.forEach.call(nav, function (a) {
      if (a.getAttribute('data-view') === id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    return document.getElementById(id);
  };
})();

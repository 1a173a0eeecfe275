/** The alert and digest emails: escaping, keyword highlighting, diff markup, subjects, grouping. */
import type { Alert, Change } from '../../../lambdas/core/model';
import { diffHtml, highlightHtml, readableOps, renderAlert, safeHeader } from '../../../lambdas/core/render-alert';
import { groupDigest, renderDigest } from '../../../lambdas/core/render-digest';

function change(over: Partial<Change> = {}): Change {
  return {
    changeId: 'c1',
    sourceId: 'bscc-correspondence',
    docId: 'd1',
    type: 'document-changed',
    detectedAt: '2023-10-24T08:15:00Z',
    runId: 'r1',
    title: 'Letter from the Commissioner to Hikvision',
    url: 'https://www.gov.uk/government/publications/letter',
    summary: '1 word added, 1 removed',
    version: 2,
    previousVersion: 1,
    changeNote: null,
    threadId: 'bscc--hikvision',
    letter: null,
    knownMatch: null,
    keywords: [{ term: 'Hikvision', excerpt: 'the use of Hikvision cameras in public buildings' }],
    diff: [
      { op: 'equal', text: 'when we met on ' },
      { op: 'delete', text: '19' },
      { op: 'insert', text: '26' },
      { op: 'equal', text: ' January 2023.' },
    ],
    ...over,
  };
}

function alert(c: Change, over: Partial<Alert> = {}): Alert {
  return {
    alertId: c.changeId,
    changeId: c.changeId,
    type: c.type,
    sourceId: c.sourceId,
    createdAt: c.detectedAt,
    subject: `Changed: ${c.title}`,
    priority: 'high',
    ...over,
  };
}

describe('renderAlert', () => {
  it('renders what, where, when and thread in both parts, with the diff as <ins>/<del> with inline styles only', () => {
    const c = change();
    const r = renderAlert(alert(c), c, { unsubscribeUrl: 'https://w.example.org/u?token=abc' });
    expect(r.text).toContain('Where: https://www.gov.uk/government/publications/letter');
    expect(r.text).toContain('When: 24 Oct 2023, 09:15 (London)');
    // People-readable names, never the internal slugs.
    expect(r.text).toContain('Thread: BSCC ↔ Hikvision');
    expect(r.text).not.toContain('bscc--hikvision');
    expect(r.text).toContain('[-19-]{+26+}');
    expect(r.text).toContain('Unsubscribe: https://w.example.org/u?token=abc');
    expect(r.html).toMatch(/<del style="[^"]+">19<\/del> <ins style="[^"]+">26<\/ins>/);
    expect(r.html).not.toMatch(/<style|<script|<img|class=/);
    expect(r.html).toContain('<a href="https://w.example.org/u?token=abc"');
  });

  it('marks a high-priority alert in its subject and headers, and leaves a normal one alone', () => {
    const c = change();
    const high = renderAlert(alert(c), c);
    expect(high.subject).toBe('[High priority] Changed: Letter from the Commissioner to Hikvision');
    expect(high.text.split('\n')[0]).toBe(high.subject);
    expect(high.headers).toEqual({ Importance: 'high', 'X-Priority': '1' });
    const normal = renderAlert(alert(c, { priority: 'normal' }), c);
    expect(normal.subject).toBe('Changed: Letter from the Commissioner to Hikvision');
    expect(normal.headers).toEqual({});
    const long = renderAlert(alert(c), { ...c, title: 'a very long title '.repeat(6) });
    expect(long.subject.startsWith('[High priority] Changed: a very long title')).toBe(true);
    expect(long.subject.length).toBeLessThan(80);
    // Cut at a word boundary: the last word before "…" is whole.
    expect(long.subject).toMatch(/ (a|very|long|title)…$/);
  });

  it('highlights matched keywords inside escaped text', () => {
    expect(highlightHtml('Hikvision & <Dahua>', ['hikvision'])).toBe(
      '<mark style="background:#fff2a8;color:#0b0c0c;font-weight:bold">Hikvision</mark> &amp; &lt;Dahua&gt;',
    );
    expect(highlightHtml('a (b) c', ['(b)'])).toContain('<mark');
  });

  it('escapes hostile titles, summaries and excerpts, and drops non-http links', () => {
    const c = change({
      title: '<script>\r\nBcc: victim@example.org',
      summary: '<img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
      keywords: [{ term: 'x', excerpt: '"><svg onload=alert(1)>' }],
    });
    const r = renderAlert(alert(c, { priority: 'normal' }), c);
    expect(r.html).not.toMatch(/<script|<img|<svg|href="javascript/);
    expect(r.subject).toBe('Changed: <script> Bcc: victim@example.org');
    expect(safeHeader('a\r\nb')).toBe('a b');
  });

  it("keeps the letter's date when a long subject must be cut, at a word boundary", () => {
    const title = 'Letter from BSCC to the Police and Crime Commissioner for Northmoor, 6 February 2023 (accessible)';
    const r = renderAlert(alert(change()), change({ title }));
    expect(r.subject).toBe('[High priority] Changed: Letter from BSCC to the Police and…, 6 Feb 2023');
    expect(r.subject.length).toBeLessThan(80);
    const normal = renderAlert(alert(change(), { priority: 'normal' }), change({ title }));
    expect(normal.subject).toBe('Changed: Letter from BSCC to the Police and Crime Commissioner…, 6 Feb 2023');
  });

  it('names the source as configured and links the change on the web page when there is a public URL', () => {
    const c = change();
    const r = renderAlert(alert(c), c, {
      names: {
        source: (id) => (id === 'bscc-correspondence' ? 'BSCC correspondence on GOV.UK' : id),
        thread: (t) => t,
      },
      pageUrl: (id) => `https://watch.example.org/?change=${id}`,
    });
    expect(r.text).toContain('Source: BSCC correspondence on GOV.UK');
    expect(r.text).toContain('On the change log: https://watch.example.org/?change=c1');
    expect(r.html).toContain('<a href="https://watch.example.org/?change=c1"');
    expect(renderAlert(alert(c), c).text).not.toContain('On the change log');
  });

  it('a baseline email lists what is watched and how many documents each source holds', () => {
    const c = change({
      type: 'baseline',
      sourceId: 'all',
      url: null,
      diff: null,
      keywords: [],
      threadId: null,
      summary: '12 documents recorded from 2 source(s); alerts start with the next change.',
    });
    const watched = [
      { name: 'BSCC correspondence on GOV.UK', documents: 11 },
      { name: 'Debarment list', documents: 1 },
    ];
    const r = renderAlert(alert(c, { priority: 'normal' }), c, { watched });
    expect(r.text).toContain(
      'What is watched:\n  - BSCC correspondence on GOV.UK: 11 documents\n  - Debarment list: 1 document',
    );
    expect(r.html).toContain('<strong>BSCC correspondence on GOV.UK</strong>: 11 documents');
  });

  it('restores the space where an elided unchanged run meets a change', () => {
    const ops = readableOps(
      [
        { op: 'equal', text: `${'word '.repeat(100)}met on` },
        { op: 'delete', text: '19' },
        { op: 'insert', text: '26' },
        { op: 'equal', text: 'January' },
      ],
      20,
    );
    expect(ops[0].text.endsWith(' ')).toBe(true);
    expect(diffHtml([{ op: 'insert', text: '<b>' }])).toContain('&lt;b&gt;');
  });
});

describe('renderDigest', () => {
  it('groups by source, then thread, newest first, with a short subject', () => {
    const a = change({ changeId: 'a', detectedAt: '2023-10-24T08:00:00Z' });
    const b = change({ changeId: 'b', detectedAt: '2023-10-24T12:00:00Z', threadId: null });
    const c = change({
      changeId: 'c',
      detectedAt: '2023-10-24T10:00:00Z',
      sourceId: 'procurement-bills',
      threadId: null,
    });
    const items = [a, b, c].map((x) => ({ alert: alert(x), change: x, highlight: [] }));
    const groups = groupDigest(items);
    expect(groups.map((g) => g.sourceId)).toEqual(['bscc-correspondence', 'procurement-bills']);
    expect(groups[0].threads.map((t) => t.threadId)).toEqual([null, 'bscc--hikvision']);
    const r = renderDigest(items, '2023-10-24', { unsubscribeUrl: 'https://w.example.org/u?token=t' });
    expect(r.subject).toBe('procurement-watch daily digest: 3 alerts, 24 Oct 2023');
    expect(r.subject.length).toBeLessThan(80);
    expect(r.text.indexOf('Change id: b')).toBeLessThan(r.text.indexOf('Change id: a'));
    expect(r.html).toContain('Source: procurement-bills');
  });
});

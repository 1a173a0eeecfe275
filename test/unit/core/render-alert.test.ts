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
    status: 'pending',
    subject: `Changed: ${c.title}`,
    priority: 'high',
    attempts: 0,
    lastError: null,
    messageId: null,
    claimedAt: null,
    ...over,
  };
}

describe('renderAlert', () => {
  it('renders what, where, when and thread in both parts, with the diff as <ins>/<del> with inline styles only', () => {
    const c = change();
    const r = renderAlert(alert(c), c, { unsubscribeUrl: 'https://w.example.org/u?token=abc' });
    expect(r.text).toContain('Where: https://www.gov.uk/government/publications/letter');
    expect(r.text).toContain('When: 24 Oct 2023, 09:15 (London)');
    expect(r.text).toContain('Thread: bscc--hikvision');
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
    const long = renderAlert(alert(c, { subject: `Changed: ${'a very long title '.repeat(6)}` }), c);
    expect(long.subject.startsWith('[High priority] Changed: a very long title')).toBe(true);
    expect(long.subject.length).toBeLessThan(80);
  });

  it('highlights matched keywords inside escaped text', () => {
    expect(highlightHtml('Hikvision & <Dahua>', ['hikvision'])).toBe(
      '<mark style="background:#fff2a8;color:#0b0c0c;font-weight:bold">Hikvision</mark> &amp; &lt;Dahua&gt;',
    );
    expect(highlightHtml('a (b) c', ['(b)'])).toContain('<mark');
  });

  it('escapes hostile titles, summaries and excerpts, and drops non-http links', () => {
    const c = change({
      title: '<script>alert(1)</script>',
      summary: '<img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
      keywords: [{ term: 'x', excerpt: '"><svg onload=alert(1)>' }],
    });
    const r = renderAlert(alert(c, { subject: 'Changed: <script>\r\nBcc: victim@example.org', priority: 'normal' }), c);
    expect(r.html).not.toMatch(/<script|<img|<svg|href="javascript/);
    expect(r.subject).toBe('Changed: <script> Bcc: victim@example.org');
    expect(safeHeader('a\r\nb')).toBe('a b');
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
    const r = renderDigest(items, '2023-10-24', 'https://w.example.org/u?token=t');
    expect(r.subject).toBe('procurement-watch daily digest: 3 alerts, 24 Oct 2023');
    expect(r.subject.length).toBeLessThan(80);
    expect(r.text.indexOf('Change id: b')).toBeLessThan(r.text.indexOf('Change id: a'));
    expect(r.html).toContain('Source: procurement-bills');
  });
});

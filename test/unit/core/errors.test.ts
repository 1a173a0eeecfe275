import { describeFailure, FetchError, namingSource, ParseError, ProcwatchError } from '../../../lambdas/core/errors';

describe('describeFailure', () => {
  it('adds the source an error belongs to when the message does not name it', () => {
    const err = new FetchError('https://www.gov.uk/x is listed but its detail answered 404.', { source: 'bscc' });
    expect(describeFailure(err)).toBe('https://www.gov.uk/x is listed but its detail answered 404. (source bscc)');
  });

  it('says nothing more when the error was written naming its source', () => {
    const err = new ParseError('The listing of bscc answered HTTP 404.', namingSource('bscc', { status: 404 }));
    expect(err.context).toEqual({ source: 'bscc', sourceNamed: true, status: 404 });
    expect(describeFailure(err)).toBe('The listing of bscc answered HTTP 404.');
  });

  it('decides by the error, not by its words: an id that happens to be in the text is still added', () => {
    const err = new ParseError('bscc-letters.html has no table.', { source: 'bscc' });
    expect(describeFailure(err)).toBe('bscc-letters.html has no table. (source bscc)');
  });

  it('a source attached after the error was made is named too', () => {
    const err = new ProcwatchError('fetch', 'Connection reset.');
    err.context.source ??= 'dwp';
    expect(describeFailure(err)).toBe('Connection reset. (source dwp)');
  });

  it('anything else thrown is an unexpected error', () => {
    expect(describeFailure(new TypeError('x is undefined'))).toBe('Unexpected error: x is undefined');
    expect(describeFailure('boom')).toBe('Unexpected error: boom');
  });
});

import { describe, expect, it } from 'vitest';
import { loggableUrl } from './log-redaction.ts';

describe('what the request log may say about a URL', () => {
  it.each([
    ['/console/requests?q=Priya+Shah&state=open', '/console/requests?[query]'],
    ['/privacy/requests/confirm/abc123DEF_-', '/privacy/requests/confirm/[token]'],
    ['/privacy/requests/status/abc123DEF_-?x=1', '/privacy/requests/status/[token]?[query]'],
    ['/api/v1/requests/RR-2026-000001', '/api/v1/requests/RR-2026-000001'],
    ['/privacy/requests/new/name', '/privacy/requests/new/name'],
  ])('%s is logged as %s', (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });
});

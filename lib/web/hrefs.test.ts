import { describe, expect, it } from 'vitest';
import { hrefs, principleAnchor } from './hrefs';

describe('hrefs', () => {
  it('builds each page of a context', () => {
    expect(hrefs.home()).toBe('/');
    expect(hrefs.context('demo')).toBe('/c/demo');
    expect(hrefs.checks('demo')).toBe('/c/demo/checks');
    expect(hrefs.check('demo', 'readiness-probe')).toBe('/c/demo/checks/readiness-probe');
    expect(hrefs.namespace('demo', 'payments')).toBe('/c/demo/ns/payments');
    expect(hrefs.report('demo')).toBe('/api/c/demo/report');
  });

  it('takes a context as a name or as the registry describes it', () => {
    expect(hrefs.context({ name: 'kind-dev' })).toBe(hrefs.context('kind-dev'));
  });

  it('percent-encodes every path segment, so a name cannot add a segment, a query or a fragment', () => {
    const context = 'arn:aws:eks:eu-west-1:1234:cluster/prod ?#%';
    const encoded = 'arn%3Aaws%3Aeks%3Aeu-west-1%3A1234%3Acluster%2Fprod%20%3F%23%25';
    expect(hrefs.context(context)).toBe(`/c/${encoded}`);
    expect(hrefs.checks(context)).toBe(`/c/${encoded}/checks`);
    expect(hrefs.namespace(context, 'a/b')).toBe(`/c/${encoded}/ns/a%2Fb`);
    expect(hrefs.check(context, '../x')).toBe(`/c/${encoded}/checks/..%2Fx`);
    expect(hrefs.report(context)).toBe(`/api/c/${encoded}/report`);
    expect(decodeURIComponent(hrefs.context(context).slice(3))).toBe(context);
  });

  it('builds filter queries, status before principle, and drops empty filters', () => {
    expect(hrefs.namespace('demo', 'payments', { status: 'fail' })).toBe('/c/demo/ns/payments?status=fail');
    expect(hrefs.namespace('demo', 'payments', { principle: 'probes', status: 'warn' })).toBe(
      '/c/demo/ns/payments?status=warn&principle=probes',
    );
    expect(hrefs.namespace('demo', 'payments', { status: undefined, principle: undefined })).toBe('/c/demo/ns/payments');
    expect(hrefs.context('demo', { verdict: 'not-ready' })).toBe('/c/demo?verdict=not-ready');
    expect(hrefs.context('demo', { grade: 'N/A', q: '' })).toBe('/c/demo?grade=N%2FA');
    expect(hrefs.context('demo', {})).toBe('/c/demo');
    expect(hrefs.context('demo', { verdict: 'ready', sort: 'name', page: 2 })).toBe('/c/demo?verdict=ready&sort=name&page=2');
    // The defaults (worst first, page 1) are left out, so the plain overview keeps one URL.
    expect(hrefs.context('demo', { sort: 'verdict', page: 1 })).toBe('/c/demo');
    expect(hrefs.report('demo', { namespace: 'payments' })).toBe('/api/c/demo/report?namespace=payments');
  });

  it('builds the printable reports and the JSON download, encoded like every other link', () => {
    expect(hrefs.printableReport('demo')).toBe('/c/demo/report');
    expect(hrefs.printableReport('demo', { namespace: 'payments' })).toBe('/c/demo/ns/payments/report');
    expect(hrefs.printableReport('a/b', { namespace: '../x' })).toBe('/c/a%2Fb/ns/..%2Fx/report');
    expect(hrefs.report('demo', { download: true })).toBe('/api/c/demo/report?download=1');
    expect(hrefs.report('demo', { namespace: 'payments', download: true })).toBe('/api/c/demo/report?namespace=payments&download=1');
    expect(hrefs.report('demo', { download: false })).toBe('/api/c/demo/report');
  });

  it('builds the go-live review and its history, encoded like every other link', () => {
    expect(hrefs.review('demo', 'payments')).toBe('/c/demo/ns/payments/review');
    expect(hrefs.reviewHistory('demo', 'payments')).toBe('/c/demo/ns/payments/reviews');
    expect(hrefs.review('a/b', '../x')).toBe('/c/a%2Fb/ns/..%2Fx/review');
  });

  it('encodes query values', () => {
    expect(hrefs.context('demo', { q: 'a b&c=d#e' })).toBe('/c/demo?q=a+b%26c%3Dd%23e');
  });

  it('adds a fragment after the query, for a check or a principle section', () => {
    expect(hrefs.namespace('demo', 'payments', { anchor: 'readiness-probe' })).toBe('/c/demo/ns/payments#readiness-probe');
    expect(hrefs.namespace('demo', 'payments', { anchor: principleAnchor('probes') })).toBe('/c/demo/ns/payments#principle-probes');
    expect(hrefs.namespace('demo', 'payments', { status: 'fail', anchor: 'x y' })).toBe('/c/demo/ns/payments?status=fail#x%20y');
    expect(hrefs.namespace('demo', 'payments', { anchor: '' })).toBe('/c/demo/ns/payments');
  });
});

import { objectsOf } from '../../../inventory';
import { failFinding, passFinding } from '../../findings';
import type { Check, ObjectFinding } from '../../types';

/** Does a TLS host cover a rule host? Exact, or a `*.example.com` wildcard covering one label. */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

export const ingressTls: Check = {
  id: 'ingress-tls',
  title: 'Ingresses serve their hosts over TLS',
  principle: 'network',
  severity: 'major',
  targets: ['Ingress'],
  reads: ['Ingress'],
  rationale:
    'An Ingress without a tls section serves plain HTTP: credentials, session cookies and personal data cross the network readable and changeable by anyone on the path.',
  remediation: {
    summary:
      'Add a tls entry listing every host of the Ingress with the Secret holding its certificate (cert-manager can issue and renew it).',
    snippet: `spec:
  tls:
    - hosts:
        - shop.example.com
      secretName: shop-example-com-tls
  rules:
    - host: shop.example.com`,
  },
  docs: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  evaluate({ namespace }) {
    return objectsOf(namespace, 'Ingress').map((ingress): ObjectFinding => {
      const spec = ingress.spec ?? {};
      const tls = spec.tls ?? [];
      if (tls.length === 0) return failFinding(ingress, 'has no tls section: it serves plain HTTP');
      // A tls entry without hosts takes the controller's default certificate, for every host.
      if (tls.some((entry) => (entry.hosts ?? []).length === 0)) return passFinding(ingress, 'serves TLS for every host');
      const tlsHosts = tls.flatMap((entry) => entry.hosts ?? []);
      const hosts = [...new Set((spec.rules ?? []).flatMap((rule) => (rule.host ? [rule.host] : [])))];
      const uncovered = hosts.filter((host) => !tlsHosts.some((tlsHost) => tlsHostCovers(tlsHost, host)));
      if (uncovered.length > 0)
        return failFinding(
          ingress,
          `serves ${uncovered.join(', ')} without TLS: no tls entry lists ${uncovered.length === 1 ? 'it' : 'them'}`,
          'warn',
        );
      return passFinding(ingress, `serves TLS for ${tlsHosts.join(', ')}`);
    });
  },
};

/**
 * Runs before every request. Refuses requests for a Host the dashboard does not serve (DNS
 * rebinding: a hostile page that points its own name at 127.0.0.1 would otherwise read the
 * cluster with this server's credentials) and paths with malformed percent-encoding, and
 * gives every page a Content-Security-Policy with a nonce of its own.
 */
import { type NextRequest, NextResponse } from 'next/server';
import {
  contentSecurityPolicy,
  createNonce,
  isAllowedHost,
  isWellFormedPath,
  parseAllowedHosts,
  refusedHostMessage,
} from './lib/server/request-guard';

const ALLOWED_HOSTS = parseAllowedHosts(process.env.SHIPSHAPE_ALLOWED_HOSTS);

function plainText(status: number, text: string): NextResponse {
  return new NextResponse(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

export function proxy(request: NextRequest): NextResponse {
  const host = request.headers.get('host');
  if (!isAllowedHost(host, ALLOWED_HOSTS)) return plainText(421, refusedHostMessage(host));
  const { pathname } = request.nextUrl;
  if (!isWellFormedPath(pathname)) return plainText(400, 'Bad request: the path has malformed percent-encoding.\n');
  // Built files are immutable and carry no cluster data: no nonce, and their long cache stays.
  if (pathname.startsWith('/_next/static/')) return NextResponse.next();

  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

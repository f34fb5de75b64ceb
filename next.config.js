// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node and its transport stay on the server: never bundled, never shipped to the browser.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  // The app shows no raster images; an open resizer is only attack surface (sharp on demand).
  images: { unoptimized: true },
  reactStrictMode: true,
  // Links are typed against app/'s routes (types generated into .next/types by `next build` or `next typegen`).
  typedRoutes: true,
  // The demo cluster's manifests are read from disk at run time.
  outputFileTracingIncludes: { '/**': ['./lib/demo/manifests/**/*'] },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // No referrer ever leaves the site (a link to the docs does not learn a context or namespace name);
          // same-origin requests keep theirs, so a form posted without client JavaScript (a sign-off,
          // a re-run) carries its real Origin instead of `null`, which the server-action check refuses.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          {
            key: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()',
          },
        ],
      },
    ];
  },
};

export default nextConfig;

// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node and its transport stay on the server: never bundled, never shipped to the browser.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The demo cluster's manifests are read from disk at run time.
  outputFileTracingIncludes: { '/**': ['./lib/demo/manifests/**/*'] },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;

import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

// Every page gets a CSP nonce of its own (proxy.ts), which Next can only add when it renders per request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Shipshape', template: '%s · Shipshape' },
  description: 'Production-readiness checklist for Kubernetes namespaces',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white print:hidden dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-6 w-6 text-sky-700 dark:text-sky-400"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <path d="M3 17l2 3h14l2-3M5 17V9l7-5 7 5v8M12 4v13" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              Shipshape
            </Link>
            <span className="text-sm text-slate-600 dark:text-slate-400">Production readiness, namespace by namespace</span>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}

import Link from 'next/link';
import { hrefs } from '@/lib/web/hrefs';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">No cluster context, namespace or check by that name.</p>
      <Link href={hrefs.home()} className="mt-6 inline-block text-sky-700 underline dark:text-sky-400">
        Back to the overview
      </Link>
    </div>
  );
}

import { redirect } from 'next/navigation';
import { defaultContext } from '@/lib/sources/registry';
import { hrefs } from '@/lib/web/hrefs';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  redirect(hrefs.context(await defaultContext()));
}

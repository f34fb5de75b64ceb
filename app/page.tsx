import { redirect } from 'next/navigation';
import { defaultContext } from '@/lib/sources/registry';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  redirect(`/c/${encodeURIComponent(await defaultContext())}`);
}

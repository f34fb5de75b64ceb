import { redirect } from 'next/navigation';
import { defaultContext } from '@/lib/sources/registry';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  redirect(`/c/${encodeURIComponent(defaultContext())}`);
}

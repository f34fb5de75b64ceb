'use client';

export { RouteError as default } from '@/components/page/route-error';

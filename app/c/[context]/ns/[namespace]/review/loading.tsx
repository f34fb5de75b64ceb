export { RouteLoading as default } from '@/components/page/route-loading';

import type { ObjectRef } from '@/lib/k8s/objects';
import { ClusterText } from './cluster-text';

/** "Deployment api" in a compact, copyable form. Names are cluster data: rendered as text only. */
export function ObjectRefText({ object }: { object: ObjectRef }) {
  return (
    <span className="font-mono text-xs">
      <span className="text-slate-600 dark:text-slate-400">
        <ClusterText value={object.kind} />/
      </span>
      <span className="break-all">
        <ClusterText value={object.name} />
      </span>
    </span>
  );
}

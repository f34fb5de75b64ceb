import type { ObjectRef } from '@/lib/k8s/objects';

/** "Deployment api" in a compact, copyable form. Names are cluster data: rendered as text only. */
export function ObjectRefText({ object }: { object: ObjectRef }) {
  return (
    <span className="font-mono text-xs">
      <span className="text-slate-600 dark:text-slate-400">{object.kind}/</span>
      <span className="break-all">{object.name}</span>
    </span>
  );
}

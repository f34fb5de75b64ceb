/**
 * The `Content-Disposition` of an export download. Context and namespace names come from a
 * kubeconfig or a cluster, so the file name keeps only letters, digits, dots, dashes and
 * underscores: no quote, semicolon, path separator or line break can reach the header.
 */
const UNSAFE = /[^A-Za-z0-9._-]+/g;

/** Longest file name stem kept; the whole name stays well under every file system's limit. */
const MAX_STEM = 120;

function fileNamePart(value: string): string {
  return value.replace(UNSAFE, '_').replace(/^[._]+/, '');
}

/** `shipshape-<context>[-<namespace>].<extension>`, made safe for a header and a file system. */
export function exportFileName(context: string, extension: string, namespace?: string): string {
  const parts = ['shipshape', fileNamePart(context), namespace === undefined ? '' : fileNamePart(namespace)].filter(Boolean);
  return `${parts.join('-').slice(0, MAX_STEM)}.${fileNamePart(extension)}`;
}

/** `attachment; filename="…"`: the browser saves the answer instead of showing it. */
export function attachmentDisposition(context: string, extension: string, namespace?: string): string {
  return `attachment; filename="${exportFileName(context, extension, namespace)}"`;
}

import { DISPLAY_LIMIT, displayText } from '@/lib/cluster-text';
import { ClusterTextExpander } from './cluster-text-expander';
import { RevealedText } from './revealed-text';

/**
 * Any string that comes from a cluster or a file (names, images, hosts, label values, file names,
 * waiver text, messages that quote them): isolated, invisible characters shown as ⟨U+…⟩, and cut
 * after `limit` characters with the rest on demand. `expandable={false}` inside links, where a
 * button may not go: the text is then only cut.
 */
export function ClusterText({ value, limit = DISPLAY_LIMIT, expandable = true }: { value: string; limit?: number; expandable?: boolean }) {
  const display = displayText(value, limit);
  if (display.preview.omitted === 0) return <RevealedText text={value} />;
  if (!expandable) {
    return (
      <span data-cluster-text-long={display.length}>
        <RevealedText text={display.preview.text} />…
      </span>
    );
  }
  return (
    <ClusterTextExpander preview={display.preview.text} full={display.full.text} length={display.length} unshown={display.full.omitted} />
  );
}

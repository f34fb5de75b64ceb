/**
 * Where each object read from files is written, and where a field of it is: what reports read
 * from files hand to `buildReport({ locate })`. Objects are keyed by kind, namespace and name;
 * a field's position is found by re-reading its file's YAML once, on first asking.
 */
import { readFileSync } from 'node:fs';
import type { ObjectRef } from '../k8s/objects';
import { FieldLocator } from './field-location';
import type { ManifestLocation } from './parse-manifests';

/** How an object is keyed in a location table: kind, namespace (`default` when unset) and name. */
export const locationKey = (kind: string, namespace: string | undefined, name: string) =>
  JSON.stringify([kind, namespace ?? 'default', name]);
const keyOf = locationKey;

export class ObjectLocations {
  private readonly objects = new Map<string, { shown: ManifestLocation; source: string }>();
  private readonly files = new Map<string, FieldLocator | undefined>();

  /** `shown`: the location as reports name it (relative paths); `source`: the file to read for field positions. */
  add(ref: ObjectRef, shown: ManifestLocation, source: string): void {
    this.objects.set(keyOf(ref.kind, ref.namespace, ref.name), { shown, source });
  }

  /** The object's location, or its field's (undefined when that field is not written in the file). */
  readonly locate = (ref: ObjectRef, field?: string): ManifestLocation | undefined => {
    const entry = this.objects.get(keyOf(ref.kind, ref.namespace, ref.name));
    if (!entry || field === undefined) return entry?.shown;
    const at = this.locator(entry.source)?.locate(entry.shown, field);
    return at ? { file: entry.shown.file, ...at } : undefined;
  };

  private locator(source: string): FieldLocator | undefined {
    if (!this.files.has(source)) {
      let text: string | undefined;
      try {
        text = readFileSync(source, 'utf8');
      } catch {
        // Gone since it was graded: the object's own location still stands.
        text = undefined;
      }
      this.files.set(source, text === undefined ? undefined : new FieldLocator(text));
    }
    return this.files.get(source);
  }
}

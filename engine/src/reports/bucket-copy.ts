import type { ReportBucket, ReportFile, ReportStore } from '../ports/report-store.js';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * Copies a report's folder to the bucket under the same key (reports/<kind>/...): each file written, then the
 * other keys below the folder removed, as the repository's folder is replaced.
 */
export async function copyToBucket(bucket: ReportBucket, folder: string, files: readonly ReportFile[]): Promise<string> {
  const kept = new Set(files.map((f) => f.path));
  for (const f of files) await bucket.put(f.path, f.content, contentTypeOf(f.path));
  for (const key of await bucket.list(`${folder}/`)) if (!kept.has(key)) await bucket.delete(key);
  return `${bucket.description}/${folder}/`;
}

/** A report store that also copies every folder it replaces to the runtime bucket, after the commit. */
export function withBucketCopy(store: ReportStore, bucket: ReportBucket): ReportStore {
  return {
    description: `${store.description} and ${bucket.description}`,
    read: (path) => store.read(path),
    async replaceFolder(folder, files, message) {
      const written = await store.replaceFolder(folder, files, message);
      const copied = await copyToBucket(bucket, folder, files);
      return { location: `${written.location}, copied to ${copied}` };
    },
  };
}

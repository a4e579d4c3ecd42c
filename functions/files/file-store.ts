/** Where attachments live: a folder on the Node host, R2 on the Worker. Built by the host. */
export type StoredFile = { body: ReadableStream<Uint8Array> | Uint8Array; size: number };

export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

/** One endpoint of the API as the OpenAPI document describes it (./document.ts). */
import type { z } from 'zod';

export type Operation = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; omitted = anyone. */
  roles?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  multipart?: z.ZodType;
  /** Success answers: status → schema (or a media type for files). */
  ok: Record<number, z.ZodType | string | null>;
  errors?: number[];
};

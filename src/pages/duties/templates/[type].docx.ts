export const prerender = true;

import type { CollectionEntry } from 'astro:content';
import { getCollection } from 'astro:content';
import { DOCX_TYPE, dutyTemplateDocx } from '../../../lib/duty-template-docx.ts';

export async function getStaticPaths() {
  const all = await getCollection('dutyTemplates');
  return all.map((entry) => ({ params: { type: entry.id }, props: { entry } }));
}

/** The editable Word version of /duties/templates/<type>/. */
export async function GET({ props }: { props: { entry: CollectionEntry<'dutyTemplates'> } }) {
  const { data, body } = props.entry;
  const file = await dutyTemplateDocx({ ...data, note: body ?? '' });
  return new Response(file, { headers: { 'Content-Type': DOCX_TYPE } });
}

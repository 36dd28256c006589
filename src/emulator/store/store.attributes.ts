/**
 * A row's descriptive world fields (image, OS, tags, policies, …: see world.types.ts), stored as
 * JSON in its `attributes` column because nothing queries them. Only the fields the world set are
 * present; renderers apply the documented defaults.
 */
export function attributesOf<T extends object>(row: { attributes: string }): Partial<T> {
  return JSON.parse(row.attributes) as Partial<T>;
}

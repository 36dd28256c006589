import { Field, ObjectType } from "type-graphql";

/** Relay's PageInfo: where this page sits in the whole list. */
@ObjectType({ description: "Where a page of a connection sits in the whole list (Relay PageInfo)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when there are items after `endCursor`." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when there are items before `startCursor`." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last edge of this page; null on an empty page. Pass it as `after` to get the next page.",
  })
  endCursor!: string | null;
}

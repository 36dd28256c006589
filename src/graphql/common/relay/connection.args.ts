import { IsInt, IsOptional, Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";

/** Largest `first` any connection accepts. Larger windows are fetched as several upstream pages. */
const MAX_CONNECTION_PAGE = 100;
/** `first` when the client does not say. */
export const DEFAULT_CONNECTION_PAGE = 20;

/** Forward paging arguments shared by every connection field (Relay). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_CONNECTION_PAGE,
    description: `Number of items to return, 0..${MAX_CONNECTION_PAGE}. Default (also for null) ${DEFAULT_CONNECTION_PAGE}.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CONNECTION_PAGE)
  first?: number;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (`pageInfo.endCursor` of the previous page)." })
  @IsOptional()
  after?: string;
}

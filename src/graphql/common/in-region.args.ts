import { ArgsType, Field } from "type-graphql";
import { IsRegionId } from "./resource-id.rules";

/** The `regionId` argument every regional lookup takes, with the mutation's region rule. */
@ArgsType()
export class InRegionArgs {
  @Field(() => String, { description: "The region to look in, e.g. `cn-hangzhou`." })
  @IsRegionId()
  regionId!: string;
}

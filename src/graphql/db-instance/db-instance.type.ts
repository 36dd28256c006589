import { Field, ID, Int, ObjectType } from "type-graphql";
import type { UpstreamDbInstance } from "../../upstream/upstream.types";

@ObjectType("DbWhitelistUsage", {
  description: "How full an RDS IP whitelist is. Attaching adds each new instance's private IP, so a full whitelist blocks attaching.",
})
export class DbWhitelistUsage {
  @Field(() => Int, { description: "Entries in use, across all IP arrays." })
  used!: number;

  @Field(() => Int, { description: "The most entries the whitelist may hold." })
  quota!: number;

  @Field(() => Int, { description: "Entries still free: `quota - used` (never below 0)." })
  available!: number;
}

/** An RDS instance attached to a scaling group. */
@ObjectType("DbInstance", {
  description:
    "An RDS instance attached to a scaling group (RDS DescribeDBInstanceAttribute + DescribeDBInstanceIPArrayList). AttachInstances needs it `Running` with room in its whitelist.",
})
export class DbInstance {
  @Field(() => ID, { description: "The RDS instance ID, e.g. `rm-bp1…`." })
  id!: string;

  @Field(() => String, { description: "RDS `DBInstanceStatus`, e.g. `Running`. ESS only attaches when it is `Running`." })
  status!: string;

  @Field(() => String, { nullable: true, description: "Its engine, e.g. `MySQL`." })
  engine!: string | null;

  @Field(() => DbWhitelistUsage, { description: "Whitelist usage against its quota." })
  whitelist!: DbWhitelistUsage;

  static from(db: UpstreamDbInstance): DbInstance {
    const used = db.securityIps.length;
    return Object.assign(new DbInstance(), {
      id: db.dbInstanceId,
      status: db.status,
      engine: db.engine,
      whitelist: Object.assign(new DbWhitelistUsage(), {
        used,
        quota: db.securityIpQuota,
        available: Math.max(0, db.securityIpQuota - used),
      }),
    });
  }
}

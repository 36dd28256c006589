import { Field, Int, ObjectType } from "type-graphql";
import type { ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type";

/** The shape every connection returns; `createConnectionType` gives it GraphQL types. */
export interface ConnectionShape<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  nodes: TNode[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` object types for a node type (Relay connections, with
 * GitHub's `nodes` shortcut and `totalCount`). Call once per node type, at module level.
 */
export function createConnectionType<TNode extends object>(name: string, nodeType: ClassType<TNode>, itemsDescription: string) {
  @ObjectType(`${name}Edge`, { description: `One of ${itemsDescription}, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque position of this node; pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => nodeType, { description: "The item." })
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${itemsDescription} (Relay connection).` })
  class Connection implements ConnectionShape<TNode> {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges!: Edge[];

    @Field(() => [nodeType], { description: "The items of this page, without cursors." })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: "Where this page sits in the whole list." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list (as reported upstream)." })
    totalCount!: number;
  }

  return { Connection, Edge };
}

"use client";

import type { TokenListItem } from "@/lib/contracts/tokens";
import { TokenListView } from "./token-list-view";
import { useTokenList } from "./use-token-list";

/** The admins' view of other people's tokens, to revoke one that leaked or outlived its purpose. */
export function AllTokens({ initialTokens }: { initialTokens: TokenListItem[] }) {
  const list = useTokenList(initialTokens);
  return <TokenListView list={list} showOwner caption="Everyone else’s tokens" empty="Nobody else has a token." />;
}

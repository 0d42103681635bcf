"use client";

import type { TokenListItem } from "@/lib/contracts/tokens";
import { TokenTable } from "./token-table";
import { useTokenList } from "./use-token-list";

/** The admins' view of other people's tokens, to revoke one that leaked or outlived its purpose. */
export function AllTokens({ initialTokens }: { initialTokens: TokenListItem[] }) {
  const list = useTokenList(initialTokens);
  return (
    <>
      {list.error && (
        <p role="alert" className="form-error">
          {list.error}
        </p>
      )}
      <p role="status" className="small">
        {list.notice}
      </p>
      {list.tokens.length === 0 ? (
        <p className="empty-state">Nobody else has a token.</p>
      ) : (
        <TokenTable tokens={list.tokens} showOwner busyId={list.busyId} caption="Everyone else’s tokens" onRevoke={(t) => void list.revoke(t)} />
      )}
    </>
  );
}

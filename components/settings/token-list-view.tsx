import { TokenTable } from "./token-table";
import type { useTokenList } from "./use-token-list";

interface Props {
  list: ReturnType<typeof useTokenList>;
  caption: string;
  /** What to say when the list is empty. */
  empty: string;
  showOwner?: boolean;
}

/** A list of tokens with what happened to the last revoke (its error or its notice), or a sentence when there are none. */
export function TokenListView({ list, caption, empty, showOwner = false }: Props) {
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
        <p className="empty-state">{empty}</p>
      ) : (
        <TokenTable tokens={list.tokens} showOwner={showOwner} busyId={list.busyId} caption={caption} onRevoke={(t) => void list.revoke(t)} />
      )}
    </>
  );
}

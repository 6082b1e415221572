// A key's role in rotation (active, incoming, receiving-only, retired) is not stored on the key: it follows
// from the `key_rotations` rows it appears in and from `keys.successor_id`, so it can never disagree with
// them. Every query that reads keys selects it with this expression (the table must be named `keys`).
export const KEY_ROLE_SQL = `CASE
  WHEN EXISTS (SELECT 1 FROM key_rotations r WHERE r.predecessor_id = keys.id AND r.state = 'retired') THEN 'retired'
  WHEN keys.successor_id IS NOT NULL THEN 'receiving-only'
  WHEN EXISTS (SELECT 1 FROM key_rotations r WHERE r.successor_id = keys.id AND r.state IN ('planned', 'ready')) THEN 'incoming'
  ELSE 'active'
END`;

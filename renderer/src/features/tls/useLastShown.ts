// A dialog keeps showing what it was opened for while it animates closed, after its subject became null.
import { useState } from 'react';

export function useLastShown<T>(value: T | null): T | null {
  const [shown, setShown] = useState(value);
  if (value !== null && value !== shown) setShown(value);
  return value ?? shown;
}

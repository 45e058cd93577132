import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useState } from 'react';

interface IntegerInputProps extends Omit<NumberInputProps, 'value' | 'onChange' | 'allowDecimal'> {
  value: number;
  onChange: (value: number) => void;
}

/**
 * A whole-number input bound to a number. While the person has emptied it, it shows empty (rather
 * than snapping to 0) and is required, so the form cannot be submitted without a value.
 */
export function IntegerInput({ value, onChange, ...props }: IntegerInputProps) {
  const [empty, setEmpty] = useState(false);
  return (
    <NumberInput
      {...props}
      required
      allowDecimal={false}
      value={empty ? '' : value}
      onChange={(next) => {
        if (next === '' || Number.isNaN(Number(next))) {
          setEmpty(true);
          return;
        }
        setEmpty(false);
        onChange(Number(next));
      }}
    />
  );
}

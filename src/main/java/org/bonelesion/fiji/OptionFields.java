package org.bonelesion.fiji;

import ij.gui.GenericDialog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Options;
import org.bonelesion.core.Table;

/**
 * Dialog fields built from an analysis's {@link Options}: the option name is the field's label
 * and so its macro key ({@code threshold=120}); numbers show their unit beside the field, flags
 * are checkboxes, everything else is text. Nothing is declared twice.
 */
public final class OptionFields {

	private OptionFields() {}

	/** Whether a spec is shown as a number field (its default is a number). */
	public static boolean numeric(Options.Spec s) {
		if (s.flag() || s.defaultValue() == null || s.defaultValue().isEmpty()) return false;
		try {
			Double.parseDouble(s.defaultValue());
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/** Decimals to show for a default such as {@code 0.15} (2) or {@code 100} (0). */
	static int decimals(String value) {
		try {
			// digits after the point that the default needs ("5.0E-4" needs 4), so that a recorded
			// macro line never rounds a small default away
			return Math.min(9, Math.max(0, new java.math.BigDecimal(value.trim()).stripTrailingZeros().scale()));
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	/** Adds one field per option, in declaration order. */
	public static void add(GenericDialog gd, List<Options.Spec> specs) {
		for (Options.Spec s : specs) {
			if (s.flag()) gd.addCheckbox(s.name(), false);
			else if (numeric(s)) gd.addNumericField(s.name(), Double.parseDouble(s.defaultValue()), decimals(s.defaultValue()), 10, s.unit());
			else gd.addStringField(s.unit().isEmpty() ? s.name() : s.name() + " (" + s.unit() + ")", s.defaultValue() == null ? "" : s.defaultValue(), 16);
		}
	}

	/**
	 * Reads the fields added by {@link #add} back, in the same order, as text for the option
	 * parser (numbers formatted without a trailing {@code .0} so that they read like the CLI's).
	 */
	public static Map<String, String> read(GenericDialog gd, List<Options.Spec> specs) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Options.Spec s : specs) {
			if (s.flag()) values.put(s.name(), Boolean.toString(gd.getNextBoolean()));
			else if (numeric(s)) {
				double d = gd.getNextNumber();
				values.put(s.name(), Double.isNaN(d) ? "not a number" : Table.format(d));
			} else values.put(s.name(), gd.getNextString().trim());
		}
		return values;
	}
}

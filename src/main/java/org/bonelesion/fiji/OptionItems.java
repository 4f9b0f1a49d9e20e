package org.bonelesion.fiji;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bonelesion.core.Options;
import org.bonelesion.core.Table;
import org.scijava.command.DynamicCommand;
import org.scijava.module.MutableModuleItem;

/**
 * SciJava inputs built from an analysis's {@link Options}, named exactly like the options
 * (so that Fiji's recorder writes the same keys as the ImageJ 1.x dialogs and the command
 * line): numbers with their unit in the label, flags as checkboxes, text otherwise, and files
 * or folders where asked.
 */
final class OptionItems {

	private OptionItems() {}

	/**
	 * Adds one input per option.
	 *
	 * @param styles file-widget style (e.g. {@code directory}) for options that name files or folders
	 */
	static void add(DynamicCommand command, List<Options.Spec> specs, Map<String, String> styles) {
		for (Options.Spec s : specs) {
			String label = s.unit().isEmpty() ? s.name() : s.name() + " (" + s.unit() + ")";
			MutableModuleItem<?> item;
			if (s.flag()) {
				MutableModuleItem<Boolean> b = command.addInput(s.name(), Boolean.class);
				b.setDefaultValue(false);
				item = b;
			} else if (styles.containsKey(s.name())) {
				MutableModuleItem<File> f = command.addInput(s.name(), File.class);
				f.setWidgetStyle(styles.get(s.name()));
				item = f;
			} else if (OptionFields.numeric(s)) {
				MutableModuleItem<Double> d = command.addInput(s.name(), Double.class);
				d.setDefaultValue(Double.parseDouble(s.defaultValue()));
				item = d;
			} else {
				MutableModuleItem<String> t = command.addInput(s.name(), String.class);
				t.setDefaultValue(s.defaultValue() == null ? "" : s.defaultValue());
				item = t;
			}
			item.setLabel(label);
			item.setDescription(s.help());
			item.setRequired(false);
			item.setPersisted(false);
		}
	}

	/** The values the user gave, as text for the option parser; unset inputs are left out (their default applies). */
	static Map<String, String> read(DynamicCommand command, List<Options.Spec> specs) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Options.Spec s : specs) {
			Object v = command.getInput(s.name());
			if (v == null) continue;
			if (v instanceof Double d) values.put(s.name(), Double.isNaN(d) ? "not a number" : Table.format(d));
			else if (v instanceof Number n) values.put(s.name(), Table.format(n));
			else if (v instanceof File f) values.put(s.name(), f.getPath());
			else values.put(s.name(), v.toString().trim());
		}
		return values;
	}
}

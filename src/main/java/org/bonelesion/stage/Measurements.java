package org.bonelesion.stage;

import java.util.HashMap;
import java.util.Map;

/**
 * Measurements looked up by symbol: {@code "Lytic.V"} finds the value stored under
 * {@code "Lytic.V (mm^3)"}. Keeps the unit for the evidence text.
 */
final class Measurements {

	private final Map<String, Double> values = new HashMap<>();
	private final Map<String, String> units = new HashMap<>();

	Measurements(Map<String, Double> byHeader) {
		for (Map.Entry<String, Double> e : byHeader.entrySet()) {
			if (e.getKey() == null || e.getValue() == null) continue;
			String symbol = symbol(e.getKey());
			values.put(symbol, e.getValue());
			units.put(symbol, unitOf(e.getKey()));
		}
	}

	/** The value of a symbol, NaN if absent. */
	double get(String symbol) {
		Double v = values.get(symbol);
		return v == null ? Double.NaN : v;
	}

	/** The unit of a symbol as its header said, or "". */
	String unit(String symbolName) {
		String u = units.get(symbolName);
		return u == null ? "" : u;
	}

	boolean has(String symbol) {
		return !Double.isNaN(get(symbol));
	}

	/** The symbol of a header: {@code "BV/TV (%)"} gives {@code "BV/TV"}. */
	static String symbol(String header) {
		String h = header.trim();
		if (h.endsWith(")")) {
			int open = h.lastIndexOf(" (");
			if (open > 0) return h.substring(0, open).trim();
		}
		return h;
	}

	/** The unit of a header, or "". */
	static String unitOf(String header) {
		String h = header.trim();
		if (h.endsWith(")")) {
			int open = h.lastIndexOf(" (");
			if (open > 0) return h.substring(open + 2, h.length() - 1);
		}
		return "";
	}
}

package org.bonelesion.io;

/** Compares names so that embedded numbers sort by value: "s2" before "s10". */
public final class NaturalOrder {

	private NaturalOrder() {}

	public static int compare(String a, String b) {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				int si = i, sj = j;
				while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
				while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
				String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
				String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
				if (na.length() != nb.length()) return na.length() - nb.length();
				int c = na.compareTo(nb);
				if (c != 0) return c;
			} else {
				if (ca != cb) return Character.compare(ca, cb);
				i++;
				j++;
			}
		}
		return (a.length() - i) - (b.length() - j);
	}
}

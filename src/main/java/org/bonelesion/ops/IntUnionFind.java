package org.bonelesion.ops;

import java.util.Arrays;

/**
 * Union-find over labels 1..size (0 unused) whose parent is never larger than the element:
 * a union links the larger root under the smaller one, so every set's root is its smallest
 * member and one forward pass flattens the forest.
 */
final class IntUnionFind {

	int[] parent;
	int size;

	IntUnionFind(int capacity) {
		parent = new int[Math.max(16, capacity + 1)];
	}

	/** Adds a new singleton set and returns its label. */
	int add() {
		int l = ++size;
		if (l < 0) throw new IllegalStateException("more than 2^31 provisional labels");
		if (l >= parent.length) parent = Arrays.copyOf(parent, (int) Math.min(Integer.MAX_VALUE - 8L, parent.length * 2L));
		parent[l] = l;
		return l;
	}

	int find(int a) {
		int[] p = parent;
		while (p[a] != a) {
			p[a] = p[p[a]];
			a = p[a];
		}
		return a;
	}

	/** Merges the sets of a and b and returns the root (the smaller of the two roots). */
	int union(int a, int b) {
		a = find(a);
		b = find(b);
		if (a < b) {
			parent[b] = a;
			return a;
		}
		if (b < a) parent[a] = b;
		return b;
	}

	/** Points every element directly at its root (relies on parent[i] <= i). */
	void flatten() {
		int[] p = parent;
		for (int i = 1; i <= size; i++) p[i] = p[p[i]];
	}
}

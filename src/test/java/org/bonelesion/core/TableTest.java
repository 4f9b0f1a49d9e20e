package org.bonelesion.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

	@Test
	void headersCarryUnits() {
		Table t = new Table();
		t.addRow().put("Specimen", "m1").put("BV", "mm^3", 1.5).put("Lytic.N", 3);
		assertEquals(List.of("Specimen", "BV (mm^3)", "Lytic.N"), t.headers());
		assertEquals(List.of("m1", "1.5", "3"), t.rows().get(0).cells());
	}

	@Test
	void rowsMissingAColumnLeaveItEmpty() {
		Table t = new Table();
		t.addRow().put("A", 1);
		t.addRow().put("B", "mm", 2.0);
		assertEquals(List.of("A", "B (mm)"), t.headers());
		assertEquals(List.of("1", ""), t.rows().get(0).cells());
		assertEquals(List.of("", "2"), t.rows().get(1).cells());
	}

	@Test
	void numbersAreFormattedWithNineSignificantDigits() {
		assertEquals("0.333333333", Table.format(1.0 / 3));
		assertEquals("NaN", Table.format(Double.NaN));
		assertEquals("0", Table.format(0.0));
		assertEquals("123456789", Table.format(123456789.0));
		assertEquals("1.23456789E+15", Table.format(1.23456789e15));
		assertEquals("yes", Table.format(true));
		assertEquals("0.00012", Table.format(1.2e-4));
	}
}

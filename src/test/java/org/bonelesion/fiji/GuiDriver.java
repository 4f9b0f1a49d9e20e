package org.bonelesion.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Vector;

import javax.imageio.ImageIO;

import org.bonelesion.core.Parallel;
import org.bonelesion.sample.SampleStudy;

/**
 * Drives a real ImageJ 1.x window on a (virtual) display for {@code ImageJGuiIT}; a test
 * program, run in its own JVM: {@code GuiDriver <work folder>}. It
 * <ol>
 * <li>starts ImageJ with the plugin jar in its plugins folder and writes {@code menu.txt}:
 * the items of Plugins &gt; Bone Lesion and the Bone Lesion entries of ImageJ's command table;</li>
 * <li>opens Plugins &gt; Bone Lesion with the keyboard (F10, arrows) and saves
 * {@code menu.png};</li>
 * <li>opens the macro recorder, runs Analyze Micro-CT from its menu entry through its real
 * dialog (fields filled in, OK pressed) on a small calibrated sample scan, and saves what the
 * recorder wrote in {@code recorded.txt};</li>
 * <li>saves {@code results.png}, the Results window the command opened.</li>
 * </ol>
 * Everything it does is written to {@code driver.log}; it exits 0 when all steps ran.
 */
public final class GuiDriver {

	private GuiDriver() {}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]);
		Files.createDirectories(work);
		Path scan = work.resolve("V1 small.tif");
		SampleStudy.writeCt(SampleStudy.render(SampleStudy.ctScans().get(0), SampleStudy.Size.SMALL, Parallel.of(1)), scan);

		EventQueue.invokeAndWait(() -> new ImageJ());
		ImageJ ij = IJ.getInstance();
		waitFor(() -> ij.isShowing(), 20_000, "the ImageJ window");
		Thread.sleep(1500);
		EventQueue.invokeAndWait(() -> ij.setLocation(0, 0));

		// 1. the menu and the command table
		List<String> lines = new ArrayList<>();
		Menu plugins = Menus.getImageJMenu("Plugins");
		int boneLesionIndex = -1, visible = 0;
		for (int i = 0; i < plugins.getItemCount(); i++) {
			MenuItem item = plugins.getItem(i);
			if (item.getLabel().equals("-")) continue;
			if (item instanceof Menu m && m.getLabel().equals("Bone Lesion")) {
				boneLesionIndex = visible;
				for (int k = 0; k < m.getItemCount(); k++) lines.add("menu\t" + m.getItem(k).getLabel());
			}
			visible++;
		}
		Map<String, String> commands = new TreeMap<>();
		for (Object key : Menus.getCommands().keySet()) {
			String cls = String.valueOf(Menus.getCommands().get(key));
			if (cls.startsWith("org.bonelesion")) commands.put(String.valueOf(key), cls);
		}
		commands.forEach((k, v) -> lines.add("command\t" + k + "\t" + v));
		lines.add("submenu-index\t" + boneLesionIndex);
		Files.write(work.resolve("menu.txt"), lines);

		// 2. Plugins > Bone Lesion opened with the keyboard, as a user would
		Robot robot = new Robot();
		robot.setAutoDelay(120);
		EventQueue.invokeAndWait(() -> {
			ij.toFront();
			ij.requestFocus();
		});
		Thread.sleep(800);
		int pluginsMenu = indexOfMenu("Plugins");
		// F10 opens the first menu (the X11 toolkit's menu-bar key); the pauses let each menu open before the next key
		press(robot, KeyEvent.VK_F10);
		Thread.sleep(800);
		// leftwards (File wraps round to Help): Right on a highlighted sub-menu item would open it instead of moving on
		for (int i = 0; i < Menus.getMenuBar().getMenuCount() - pluginsMenu; i++) {
			press(robot, KeyEvent.VK_LEFT);
			Thread.sleep(400);
		}
		for (int i = 0; i < boneLesionIndex; i++) {
			press(robot, KeyEvent.VK_DOWN);
			Thread.sleep(250);
		}
		press(robot, KeyEvent.VK_RIGHT);
		Thread.sleep(1200);
		Rectangle f = ij.getBounds();
		save(robot, new Rectangle(0, 0, Math.min(f.x + f.width + 260, 1280), f.y + f.height + 200), work.resolve("menu.png"));
		press(robot, KeyEvent.VK_ESCAPE);
		press(robot, KeyEvent.VK_ESCAPE);
		press(robot, KeyEvent.VK_ESCAPE);
		Thread.sleep(500);

		// 3. the recorder, and the command run through its real dialog
		Recorder[] recorder = new Recorder[1];
		EventQueue.invokeAndWait(() -> recorder[0] = new Recorder());
		Path out = work.resolve("recorded out");
		Thread command = new Thread(() -> IJ.doCommand("Analyze Micro-CT"), "command");
		command.start();
		GenericDialog gd = (GenericDialog) waitForWindow("Bone Lesion > Analyze Micro-CT", 20_000);
		Thread.sleep(500);
		EventQueue.invokeAndWait(() -> {
			@SuppressWarnings("unchecked")
			Vector<TextField> strings = gd.getStringFields();
			strings.get(0).setText(scan.toString()); // input
			strings.get(1).setText(out.toString()); // out
			strings.get(2).setText("V1"); // name
		});
		Thread.sleep(300);
		Button ok = gd.getButtons()[0];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel())));
		waitFor(() -> recorder[0].getText().contains("Analyze Micro-CT"), 120_000, "the recorded line");
		Files.writeString(work.resolve("recorded.txt"), recorder[0].getText());
		EventQueue.invokeAndWait(() -> recorder[0].close());

		// 4. the Results window
		Window results = waitForWindow("Results", 30_000);
		EventQueue.invokeAndWait(() -> {
			results.setBounds(0, 0, 1200, 150);
			results.toFront();
		});
		Thread.sleep(1500);
		save(robot, results.getBounds(), work.resolve("results.png"));
		Files.writeString(work.resolve("done"), "ok\n");
		System.exit(0);
	}

	interface Check {
		boolean ok() throws Exception;
	}

	static void waitFor(Check c, long millis, String what) throws Exception {
		long end = System.currentTimeMillis() + millis;
		while (!c.ok()) {
			if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out waiting for " + what);
			Thread.sleep(100);
		}
	}

	static Window waitForWindow(String title, long millis) throws Exception {
		Window[] found = new Window[1];
		waitFor(() -> {
			for (Window w : Window.getWindows()) {
				String t = w instanceof Frame fr ? fr.getTitle() : w instanceof java.awt.Dialog d ? d.getTitle() : null;
				if (w.isShowing() && title.equals(t)) {
					found[0] = w;
					return true;
				}
			}
			return false;
		}, millis, "the window '" + title + "'");
		return found[0];
	}

	static int indexOfMenu(String label) {
		var bar = Menus.getMenuBar();
		for (int i = 0; i < bar.getMenuCount(); i++) if (bar.getMenu(i).getLabel().equals(label)) return i;
		throw new IllegalStateException("no " + label + " menu");
	}

	static void press(Robot robot, int key) {
		robot.keyPress(key);
		robot.keyRelease(key);
	}

	static void save(Robot robot, Rectangle r, Path file) throws Exception {
		BufferedImage img = robot.createScreenCapture(r);
		ImageIO.write(img, "png", file.toFile());
	}
}

// Bone Lesion: every micro-CT scan in a folder, analysed as `./bonelesion ct --input FILE --out OUTPUT/NAME`
// would (the same summary.csv, lesions.csv, labels.tif and provenance.json in one sub-folder per scan),
// plus OUTPUT/summary.csv (one row per scan) and OUTPUT/errors.csv (one row per scan that failed).
// Files: .tif/.tiff stacks, .nii/.nii.gz, .mhd/.mha, .isq, and sub-folders of slices.
//
// Fiji:     ImageJ-linux64 --headless -batch batch_ct.ijm "input=/data/ct output=/results/ct"
// ImageJ:   see docs/fiji.md for the java command.
// Further key=value pairs go to Plugins > Bone Lesion > Analyze Micro-CT (e.g. voxel=10 for
// scans without a calibration); a bad scan is recorded in errors.csv and the next one goes on.

var MACRO = "batch_ct";
EXTENSIONS = newArray(".tif", ".tiff", ".nii", ".nii.gz", ".mhd", ".mha", ".isq");
FOLDERS = true;

function commandFor(extra) {
	return "Analyze Micro-CT";
}

args = getArgument();
input = argValue(args, "input");
output = argValue(args, "output");
if (input == "" || output == "") exit(MACRO + ": give input=<folder> output=<folder> (paths with spaces in [brackets])");
if (!File.isDirectory(input)) exit(MACRO + ": the input folder " + input + " does not exist");
extra = argWithout(argWithout(args, "input"), "output");
COMMAND = commandFor(extra);
extra = argWithout(extra, "mode");
setBatchMode(true);
File.makeDirectory(output);
if (!File.isDirectory(output)) exit(MACRO + ": cannot create the output folder " + output);
sep = File.separator;
list = getFileList(input);
Array.sort(list);
errors = "";
summary = "";
header = "";
analysed = 0;
failed = 0;
for (i = 0; i < list.length; i++) {
	f = list[i];
	isFolder = endsWith(f, "/");
	if (isFolder && !FOLDERS) continue;
	if (!isFolder && !hasExtension(f, EXTENSIONS)) continue;
	path = input + sep + f;
	if (isFolder) path = substring(path, 0, lengthOf(path) - 1);
	if (path == output || path + sep == output) continue;
	specimen = specimenOf(f);
	out = output + sep + specimen;
	File.makeDirectory(out);
	if (File.exists(out + sep + "summary.csv")) File.delete(out + sep + "summary.csv");
	if (File.exists(out + sep + "errors.csv")) File.delete(out + sep + "errors.csv");
	print(MACRO + ": " + specimen);
	// a bad image is logged by the command (never a dialog) and recorded below; the loop goes on
	run(COMMAND, "input=[" + path + "] out=[" + out + "] " + extra);
	if (File.exists(out + sep + "summary.csv")) {
		h = headerLine(out + sep + "summary.csv");
		if (header == "") header = h;
		if (h == header) {
			summary = summary + dataLines(out + sep + "summary.csv");
			analysed++;
		} else {
			errors = errors + csvCell(path) + "," + csvCell(specimen) + "," + csvCell("analysed, but its columns differ from the first image's: see " + out + sep + "summary.csv") + "\n";
			analysed++;
		}
	} else if (File.exists(out + sep + "errors.csv")) {
		errors = errors + dataLines(out + sep + "errors.csv");
		failed++;
	} else {
		errors = errors + csvCell(path) + "," + csvCell(specimen) + "," + csvCell("not analysed: see the Log for the reason") + "\n";
		failed++;
	}
}
if (header != "") File.saveString(header + "\n" + summary, output + sep + "summary.csv");
File.saveString("File,Specimen,Message\n" + errors, output + sep + "errors.csv");
print(MACRO + ": " + analysed + " image(s) analysed, " + failed + " failed; wrote " + output + sep + "summary.csv and errors.csv");

// ---- helpers (the same in batch_ct.ijm, batch_histo.ijm and batch_study.ijm) ----

// The value of key=value or key=[value with spaces] in the argument, or "".
function argValue(args, key) {
	a = " " + args;
	i = indexOf(a, " " + key + "=");
	if (i < 0) return "";
	start = i + lengthOf(key) + 2;
	if (substring(a, start, start + 1) == "[") {
		end = indexOf(a, "]", start);
		if (end < 0) end = lengthOf(a);
		return substring(a, start + 1, end);
	}
	end = indexOf(a, " ", start);
	if (end < 0) end = lengthOf(a);
	return substring(a, start, end);
}

// The argument without the given key=value pair (the rest is handed to the command).
function argWithout(args, key) {
	v = argValue(args, key);
	a = " " + args + " ";
	whole = " " + key + "=" + v + " ";
	if (indexOf(a, whole) < 0) whole = " " + key + "=[" + v + "] ";
	i = indexOf(a, whole);
	if (i < 0) return args;
	return String.trim(substring(a, 0, i) + " " + substring(a, i + lengthOf(whole)));
}

// The specimen name of a file: its name without the image extension (as the command line names it).
function specimenOf(file) {
	if (endsWith(file, "/")) file = substring(file, 0, lengthOf(file) - 1);
	exts = newArray(".nii.gz", ".ome.tiff", ".ome.tif", ".tiff", ".tif", ".png", ".jpg", ".jpeg", ".dcm", ".isq", ".nii", ".mhd", ".raw", ".bmp");
	lower = toLowerCase(file);
	for (e = 0; e < exts.length; e++) {
		if (endsWith(lower, exts[e]) && lengthOf(file) > lengthOf(exts[e])) return substring(file, 0, lengthOf(file) - lengthOf(exts[e]));
	}
	return file;
}

// True for a name with one of the extensions.
function hasExtension(file, exts) {
	lower = toLowerCase(file);
	for (e = 0; e < exts.length; e++) if (endsWith(lower, exts[e])) return true;
	return false;
}

// The lines of a CSV file after its header, each ending in a newline ("" if none).
function dataLines(path) {
	text = File.openAsString(path);
	lines = split(text, "\n");
	out = "";
	for (l = 1; l < lines.length; l++) if (lengthOf(String.trim(lines[l])) > 0) out = out + lines[l] + "\n";
	return out;
}

// The first line of a CSV file.
function headerLine(path) {
	lines = split(File.openAsString(path), "\n");
	return lines[0];
}

// A CSV cell (quoted when it holds a comma, quote or newline).
function csvCell(s) {
	if (indexOf(s, ",") < 0 && indexOf(s, "\"") < 0 && indexOf(s, "\n") < 0) return s;
	return "\"" + replace(s, "\"", "\"\"") + "\"";
}

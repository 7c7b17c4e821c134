package org.jgrad.grading;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an instructor's cell brings into scope with its imports: a student's cell may not
 * declare them (JShell would let the declaration shadow, say, {@code assertEquals} or a checking
 * class in the tests that follow).
 */
final class ImportedNames {
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+?)\\.(\\*|\\w+)\\s*;");

    private ImportedNames() {}

    /** Adds the cell's import statements to imports and the names they bring to names. */
    static void of(String code, Set<String> imports, Set<String> names) {
        Matcher m = IMPORT.matcher(code);
        while (m.find()) {
            imports.add(m.group().strip());
            boolean isStatic = m.group(1) != null;
            String owner = m.group(2), member = m.group(3);
            if (!member.equals("*")) names.add(member);
            if (isStatic && member.equals("*")) addStatics(owner, names);
            else if (isStatic) names.add(owner.substring(owner.lastIndexOf('.') + 1));
            else if (member.equals("*") && owner.equals(ImportedNames.class.getPackageName())) names.addAll(gradingClasses());
        }
    }

    /** The simple names of the public classes of this package (the checking API lives here). */
    static Set<String> gradingClasses() {
        Set<String> names = new java.util.TreeSet<>();
        try {
            java.net.URL where = ImportedNames.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path root = java.nio.file.Paths.get(where.toURI());
            String dir = ImportedNames.class.getPackageName().replace('.', '/');
            if (java.nio.file.Files.isDirectory(root)) {
                try (var files = java.nio.file.Files.list(root.resolve(dir))) {
                    files.map(p -> p.getFileName().toString()).forEach(f -> addClass(f, names));
                }
            } else {
                try (var jar = new java.util.jar.JarFile(root.toFile())) {
                    jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
                            .forEach(n -> addClass(n.substring(dir.length() + 1), names));
                }
            }
        } catch (Exception e) {
            // no code source to list: the imports' own names still count
        }
        return names;
    }

    private static void addClass(String file, Set<String> names) {
        if (!file.endsWith(".class") || file.contains("$")) return;
        String name = file.substring(0, file.length() - ".class".length());
        try {
            Class<?> c = Class.forName(ImportedNames.class.getPackageName() + "." + name, false, ImportedNames.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) names.add(name);
        } catch (ClassNotFoundException | LinkageError ignored) {
            // not loadable: not something a cell can use either
        }
    }

    private static void addStatics(String className, Set<String> names) {
        try {
            Class<?> c = Class.forName(className, false, ImportedNames.class.getClassLoader());
            names.add(c.getSimpleName());
            for (Method method : c.getMethods()) {
                if (Modifier.isStatic(method.getModifiers())) names.add(method.getName());
            }
            for (Class<?> inner : c.getClasses()) names.add(inner.getSimpleName());
        } catch (ClassNotFoundException | LinkageError e) {
            // an import the cell itself will report as wrong
        }
    }
}

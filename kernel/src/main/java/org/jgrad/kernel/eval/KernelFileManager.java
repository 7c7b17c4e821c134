package org.jgrad.kernel.eval;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The file manager JShell's javac reads the class path through, tuned for compiling one small
 * snippet after another (JShell runs javac three to five times per cell):
 * <ul>
 *   <li>Every compilation sets the same {@code --multi-release} option again, and the standard
 *       file manager answers any option by throwing away its index of every package in every jar
 *       on the class path, to rebuild it on the next lookup (a tenth of a cell's time). Setting
 *       an option to the value it already has is skipped, so the index lives until the class
 *       path really changes.</li>
 *   <li>Every compilation looks for compiler plugins with a service loader over a fresh class
 *       loader on the whole class path. The kernel runs no plugins and no annotation processors
 *       ({@code -proc:none}), so that search gets a class loader that finds nothing.</li>
 *   <li>JShell's completion indexer walks the whole JDK and every jar (≈0.5 s of CPU) on a
 *       thread of its own as soon as the kernel starts, competing with the first cells on a
 *       small machine. It asks for the platform class path first, and only it does; that call
 *       waits until the kernel is idle. Completion works meanwhile, without import suggestions
 *       for classes not yet indexed.</li>
 * </ul>
 */
final class KernelFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> implements StandardJavaFileManager {
    /** Not Closeable on purpose: javac closes the processor class loader it is given. */
    private static final ClassLoader FINDS_NOTHING = new ClassLoader(null) {};

    private final Runnable beforeIndexing;

    /** beforeIndexing: called (and may block) when JShell's completion indexer starts a pass. */
    KernelFileManager(StandardJavaFileManager standard, Runnable beforeIndexing) {
        super(standard);
        this.beforeIndexing = beforeIndexing;
    }

    private String multiRelease;

    @Override
    public boolean handleOption(String option, Iterator<String> remaining) {
        if (option.equals("--multi-release") && remaining.hasNext()) {
            String value = remaining.next();
            if (value.equals(multiRelease)) return true;
            multiRelease = value;
            return fileManager.handleOption(option, List.of(value).iterator());
        }
        return fileManager.handleOption(option, remaining);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
        if (location == StandardLocation.CLASS_PATH || location == StandardLocation.ANNOTATION_PROCESSOR_PATH) {
            return FINDS_NOTHING;
        }
        return super.getClassLoader(location);
    }

    @Override
    public <S> ServiceLoader<S> getServiceLoader(Location location, Class<S> service) throws IOException {
        return fileManager.getServiceLoader(location, service);
    }

    // StandardJavaFileManager, forwarded

    @Override
    public boolean isSameFile(FileObject a, FileObject b) { return fileManager.isSameFile(a, b); }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) { return fileManager.getJavaFileObjects(files); }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) { return fileManager.getJavaFileObjects(paths); }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) { return fileManager.getJavaFileObjects(names); }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) { return fileManager.getLocation(location); }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        if (location == StandardLocation.PLATFORM_CLASS_PATH) beforeIndexing.run();
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) { return fileManager.asPath(file); }

    @Override
    public void setPathFactory(PathFactory factory) { fileManager.setPathFactory(factory); }
}

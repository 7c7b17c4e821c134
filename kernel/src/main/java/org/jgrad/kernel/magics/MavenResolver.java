package org.jgrad.kernel.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;

/** {@code %maven g:a:v}: resolves an artifact and its runtime dependencies from Maven Central. */
final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenResolver() {}

    static List<Path> resolve(String coords) throws Exception {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            Path local = Path.of(System.getProperty("jgrad.m2",
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
            try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                    .withLocalRepositoryBaseDirectories(local).build()) {
                RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL).build();
                CollectRequest collect = new CollectRequest(
                        new Dependency(new DefaultArtifact(coords), JavaScopes.RUNTIME), List.of(central));
                List<Path> out = new ArrayList<>();
                for (ArtifactResult r : system.resolveDependencies(session, new DependencyRequest(collect, null))
                        .getArtifactResults()) {
                    out.add(r.getArtifact().getPath());
                }
                return out;
            }
        } finally {
            system.shutdown();
        }
    }
}

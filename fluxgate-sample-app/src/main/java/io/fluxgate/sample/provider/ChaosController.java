package io.fluxgate.sample.provider;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flips the chaos switch over HTTP.
 *
 * <pre>
 * curl localhost:8080/chaos                                   # show the settings
 * curl -X POST localhost:8080/chaos -H 'Content-Type: application/json' -d '{"failureRate":1.0}'
 * curl -X POST localhost:8080/chaos -H 'Content-Type: application/json' -d '{"failureRate":0.5,"errorKind":"timeout"}'
 * curl -X POST 'localhost:8080/chaos?host=127.0.0.1' -H 'Content-Type: application/json' -d '{"failureRate":1.0}'
 * curl 'localhost:8080/chaos?host=127.0.0.1'                  # one host name's settings
 * curl -X DELETE localhost:8080/chaos                         # heal the provider on every host name
 * </pre>
 *
 * <p>Without {@code host}, a change applies to every host name that has no settings of its own.
 */
@RestController
@RequestMapping("/chaos")
class ChaosController {

    private final Chaos chaos;

    ChaosController(Chaos chaos) {
        this.chaos = chaos;
    }

    @GetMapping
    ChaosSettings show(@RequestParam(required = false) @Nullable String host) {
        return host == null ? this.chaos.settings() : this.chaos.settings(host);
    }

    @PostMapping
    ChaosSettings update(@RequestParam(required = false) @Nullable String host,
            @RequestBody ChaosSettings.Update update) {
        return host == null ? this.chaos.update(update) : this.chaos.update(host, update);
    }

    @DeleteMapping
    ChaosSettings heal() {
        return this.chaos.reset();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badSettings(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }
}

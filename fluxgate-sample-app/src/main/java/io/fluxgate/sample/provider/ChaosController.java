package io.fluxgate.sample.provider;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flips the chaos switch over HTTP.
 *
 * <pre>
 * curl localhost:8080/chaos                                   # show the settings
 * curl -X POST localhost:8080/chaos -H 'Content-Type: application/json' -d '{"failureRate":1.0}'
 * curl -X POST localhost:8080/chaos -H 'Content-Type: application/json' -d '{"failureRate":0.5,"errorKind":"timeout"}'
 * curl -X DELETE localhost:8080/chaos                         # heal the provider
 * </pre>
 */
@RestController
@RequestMapping("/chaos")
class ChaosController {

    private final Chaos chaos;

    ChaosController(Chaos chaos) {
        this.chaos = chaos;
    }

    @GetMapping
    ChaosSettings show() {
        return this.chaos.settings();
    }

    @PostMapping
    ChaosSettings update(@RequestBody ChaosSettings.Update update) {
        return this.chaos.update(update);
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
